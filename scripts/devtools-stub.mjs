// Stand-in for react-devtools-core, which Ink imports only when DEV=true (see scripts/build.mjs).
export default { initialize() {}, connectToDevTools() {} };
