// Another page of this site, parsed, for the scripts that read part of it (a reference for a
// citation's preview, whether a moved anchor is on the FAQ page). Fetched once per address; a
// failed fetch (offline, say) is tried again on the next call.
const pages = new Map<string, Promise<Document>>();

export function sitePage(url: string): Promise<Document> {
  let page = pages.get(url);
  if (!page) {
    page = fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
        return response.text();
      })
      .then((html) => new DOMParser().parseFromString(html, 'text/html'));
    page.catch(() => pages.delete(url));
    pages.set(url, page);
  }
  return page;
}
