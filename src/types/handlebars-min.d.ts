// The pre-built UMD bundle of handlebars: the same compiler as the package main, without the
// printer, `require.extensions` hook and the source-map dependency (a smaller, faster bundle).
declare module 'handlebars/dist/handlebars.min.js' {
  import Handlebars from 'handlebars';
  export default Handlebars;
}
