// picomatch/posix is picomatch without the `path` module (runs in the browser too).
declare module 'picomatch/posix.js' {
  import picomatch from 'picomatch';
  export default picomatch;
}
