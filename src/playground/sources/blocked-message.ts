/**
 * The reader's explanation for a model source the site does not allow. One wording for the two
 * places that refuse one: the source picker (before anything is downloaded) and the engine
 * worker (which refuses the request itself; engine/errors.ts).
 */
export function blockedSourceMessage(blockedOrigins: readonly string[], allowedPlaces: readonly string[], sourceName: string): string {
  return (
    `${allowedText(allowedPlaces)}（这是本站的内容安全策略），${blockedOrigins.join('、')} 不在其中，` +
    `浏览器会拦截从“${sourceName}”下载模型。请改用其他下载源，或请本站维护者把这个地址加入允许的列表。`
  );
}

/**
 * The same for a download that an allowed host redirected elsewhere, refused by the browser
 * before the request was sent: the browser does not tell the page where the redirect led.
 */
export function blockedRedirectMessage(url: string, allowedPlaces: readonly string[]): string {
  return (
    `${allowedText(allowedPlaces)}（这是本站的内容安全策略）。下载 ${url} 时，下载源把请求转到了这些地方以外的网站，` +
    '浏览器在请求发出之前拦截了它。请改用其他下载源。'
  );
}

function allowedText(allowedPlaces: readonly string[]): string {
  return allowedPlaces.length === 0 ? '本站不允许浏览器从其他网站下载文件' : `本站只允许从 ${allowedPlaces.join('、')} 下载模型文件`;
}
