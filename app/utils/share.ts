/** Title, description and Open Graph tags of a public page (Remix meta descriptors). */
export function shareMeta(opts: { title: string; description: string; url?: string; type?: string; siteName: string }) {
  return [
    { title: opts.title },
    { name: "description", content: opts.description },
    { property: "og:title", content: opts.title },
    { property: "og:description", content: opts.description },
    { property: "og:type", content: opts.type ?? "website" },
    ...(opts.url ? [{ property: "og:url", content: opts.url }] : []),
    { property: "og:site_name", content: opts.siteName },
  ];
}
