import { Fragment } from "react";

/**
 * Marks every occurrence of the search terms in a text with <mark>. Done in React rather than with
 * FTS5's highlight(): the short-term (LIKE) path has no FTS match to highlight, and building elements
 * keeps user content out of innerHTML.
 */
export function Highlight({ text, terms }: { text: string; terms: string[] }) {
  const usable = terms.filter(Boolean);
  if (usable.length === 0) return <>{text}</>;
  const pattern = new RegExp(`(${usable.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "giu");
  const parts = text.split(pattern);
  return (
    <>
      {parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : <Fragment key={i}>{part}</Fragment>))}
    </>
  );
}
