// Entry point of one pthread worker of the threaded-SIMD wasm build, started from a file
// path because Node's Worker rejects the blob: URL the stock loader builds. It runs
// emscripten's own worker script (shipped in the package as a string) with this module's
// `require` and `__filename` in scope, exactly as the browser would run the blob.
const { wasmWorkerContents } = require('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js');

// The stock loader escapes newlines the same way before making its blob (see its init()).
eval(wasmWorkerContents.replace(/\n/g, '\\n'));
