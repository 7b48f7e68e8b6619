/**
 * The host permission to ask for a server. Match patterns are `scheme://host/*` and carry no port (a
 * pattern matches every port of its host); Firefox refuses a pattern with a port as "not declared in the
 * manifest", so `http://127.0.0.1:8787` must be asked for as `http://127.0.0.1/*`.
 * @example hostPattern('http://127.0.0.1:8787') // 'http://127.0.0.1/*'
 */
export const hostPattern = (origin: string): string => {
  const url = new URL(origin)
  return `${url.protocol}//${url.hostname}/*`
}
