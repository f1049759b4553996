// Lets `node -r ./bench/register-ts.js bench/<scenario>.ts` run TypeScript sources in place
// (so __dirname-relative files such as prisma/migrations resolve as in the app) without a build
// step. tsc's transpileModule keeps the decorator metadata TypeGraphQL needs; no type checking.
const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      useDefineForClassFields: false,
      inlineSourceMap: true,
    },
  });
  module._compile(outputText, filename);
};
