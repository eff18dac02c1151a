/** Dates and times are shown in Asia/Shanghai, whatever the device's zone (DESIGN.md §6). */
const zone = "Asia/Shanghai";
const locale = (lang: string) => (lang.startsWith("en") ? "en-GB" : "zh-CN");

export function formatDateTime(iso: string | Date, lang: string): string {
  return new Intl.DateTimeFormat(locale(lang), { timeZone: zone, year: "numeric", month: "long", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}

export function formatDate(iso: string | Date, lang: string): string {
  return new Intl.DateTimeFormat(locale(lang), { timeZone: zone, year: "numeric", month: "long", day: "numeric" }).format(new Date(iso));
}

export function formatTime(iso: string | Date, lang: string): string {
  return new Intl.DateTimeFormat(locale(lang), { timeZone: zone, hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(new Date(iso));
}
