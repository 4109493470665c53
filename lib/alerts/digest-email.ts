import type { AlertRecord } from "@/lib/schemas/alerts";

// The digest email of one scheduled scan for one recipient (issue #12): the alerts raised in that run
// that the recipient may see, each with its product, finding, provenance and absolute links. Pure:
// plain text and a simple HTML part, no tracking, nothing but what the alerts say.

export type DigestEmailInput = {
  /** The scan's slot (ISO), named in the subject. */
  slot: string;
  /** The app's public base URL (AUTH_URL, else http://localhost:PORT). */
  baseUrl: string;
  /** The alerts, each with the name of the watchlist that raised it (null when it was deleted since). */
  alerts: { alert: AlertRecord; watchlistName: string | null }[];
};

export type DigestEmail = { subject: string; text: string; html: string };

/** An app path (or URL) as an absolute URL under `baseUrl`. */
export function absoluteLink(baseUrl: string, link: string): string {
  return new URL(link, baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`).toString();
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** One line of text with no line breaks (a subject, or a text-part line). */
const oneLine = (text: string) => text.replace(/[\r\n]+/g, " ").trim();

function linksOf(baseUrl: string, alert: AlertRecord) {
  return {
    alert: absoluteLink(baseUrl, `/alerts?watchlist=${encodeURIComponent(alert.watchlistId ?? "")}`),
    product: absoluteLink(baseUrl, alert.links.product),
    report: alert.links.report === null ? null : absoluteLink(baseUrl, alert.links.report),
  };
}

export function renderDigestEmail(input: DigestEmailInput): DigestEmail {
  const { baseUrl, alerts } = input;
  const day = input.slot.slice(0, 10);
  const count = alerts.length;
  const subject = oneLine(`CER Analytics: ${count} new alert${count === 1 ? "" : "s"} from the scheduled scan of ${day}`);

  const textBlocks = alerts.map(({ alert, watchlistName }, index) => {
    const { finding } = alert;
    const links = linksOf(baseUrl, alert);
    return [
      `${index + 1}. ${oneLine(finding.title)}`,
      `   Product: ${oneLine(alert.product.name)} (${alert.product.type})${watchlistName === null ? "" : ` — watchlist "${oneLine(watchlistName)}"`}`,
      `   ${oneLine(finding.summary)}`,
      `   Method: ${oneLine(finding.provenance.method)}; threshold: ${oneLine(finding.provenance.threshold)}; data as of: ${finding.provenance.dataDate ?? "unknown"}`,
      `   Alerts: ${links.alert}`,
      `   Product view: ${links.product}`,
      ...(links.report === null ? [] : [`   Report: ${links.report}`]),
    ].join("\n");
  });
  const text = [
    `The scheduled watchlist scan of ${input.slot} raised ${count} alert${count === 1 ? "" : "s"} you can see:`,
    "",
    textBlocks.join("\n\n"),
    "",
    `Review them in CER Analytics: ${absoluteLink(baseUrl, "/alerts")}`,
    "You get this email because a watchlist is yours or shared with you.",
    "",
  ].join("\n");

  const htmlItems = alerts.map(({ alert, watchlistName }) => {
    const { finding } = alert;
    const links = linksOf(baseUrl, alert);
    const link = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
    return [
      "<li>",
      `<p><strong>${escapeHtml(finding.title)}</strong><br>`,
      `Product: ${escapeHtml(alert.product.name)} (${escapeHtml(alert.product.type)})${watchlistName === null ? "" : ` — watchlist “${escapeHtml(watchlistName)}”`}</p>`,
      `<p>${escapeHtml(finding.summary)}</p>`,
      `<p><small>Method: ${escapeHtml(finding.provenance.method)}; threshold: ${escapeHtml(finding.provenance.threshold)}; data as of: ${escapeHtml(finding.provenance.dataDate ?? "unknown")}</small></p>`,
      `<p>${[link(links.alert, "Alerts"), link(links.product, "Product view"), ...(links.report === null ? [] : [link(links.report, "Report")])].join(" · ")}</p>`,
      "</li>",
    ].join("");
  });
  const html = [
    "<!doctype html><html><body>",
    `<p>The scheduled watchlist scan of ${escapeHtml(input.slot)} raised ${count} alert${count === 1 ? "" : "s"} you can see:</p>`,
    `<ol>${htmlItems.join("")}</ol>`,
    `<p><a href="${escapeHtml(absoluteLink(baseUrl, "/alerts"))}">Review them in CER Analytics</a></p>`,
    "<p><small>You get this email because a watchlist is yours or shared with you.</small></p>",
    "</body></html>",
  ].join("");
  return { subject, text, html };
}
