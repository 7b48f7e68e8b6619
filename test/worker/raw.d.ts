/** Vite's `?raw` imports: a fixture file's text (the Salesforce SOAP message). */
declare module '*?raw' {
  const text: string
  export default text
}
