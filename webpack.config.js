/* Webpack: the task pane (taskpane.html, inside Excel), the same UI as a plain web page
 * (index.html, no Office.js), the ribbon commands (commands.html), the engine Web Worker
 * (worker.js: exceljs, checker, scoring — kept out of the pane's initial JavaScript) and the
 * reader workers it starts (reader.js: one file at a time, so a hostile file costs only that).
 *
 *   npm run build        production build into dist/ (URLs in manifest.xml rewritten to
 *                        ZHENDI_URL when set, e.g. ZHENDI_URL=https://zhendi.example.edu.cn/zhendi,
 *                        with or without the trailing slash; `npm run validate` then checks
 *                        dist/manifest.xml too)
 *   npm run dev-server   https://localhost:3000 with the Office dev certificates from
 *                        ~/.office-addin-dev-certs when present, else a generated self-signed
 *                        certificate (ZHENDI_HTTP=1 serves plain http instead)
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const urlDev = 'https://localhost:3000/';
/** Worker entries keep fixed names: the page starts worker.js, worker.js starts reader.js. */
const WORKERS = new Set(['worker', 'reader']);
const urlProd = process.env.ZHENDI_URL || urlDev;

/** `base` + relative path with a URL join: `https://x/zhendi` and `https://x/zhendi/` both work. */
function joinUrl(base, rel) {
  return new URL(rel, base.endsWith('/') ? base : `${base}/`).href;
}
const port = Number(process.env.npm_package_config_dev_server_port || process.env.PORT || 3000);

function devServerTransport() {
  if (process.env.ZHENDI_HTTP) return { type: 'http' };
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const key = path.join(dir, 'localhost.key');
  const cert = path.join(dir, 'localhost.crt');
  const ca = path.join(dir, 'ca.crt');
  if (fs.existsSync(key) && fs.existsSync(cert)) {
    return { type: 'https', options: { key: fs.readFileSync(key), cert: fs.readFileSync(cert), ...(fs.existsSync(ca) ? { ca: fs.readFileSync(ca) } : {}) } };
  }
  // webpack-dev-server generates a self-signed certificate; the browser/Office must trust it.
  return { type: 'https' };
}

module.exports = (env, options) => {
  const dev = options.mode === 'development';
  return {
    // No eval-based source maps: index.html's Content-Security-Policy forbids eval.
    devtool: dev ? 'cheap-module-source-map' : 'source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
      worker: './src/taskpane/engine/worker.ts',
      reader: './src/taskpane/engine/reader.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: (data) => (data.chunk && WORKERS.has(data.chunk.name) ? `${data.chunk.name}.js` : dev ? '[name].js' : '[name].[contenthash:8].js'),
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            // Type-checking is `tsc --noEmit`; here only transpile, as ES modules so webpack can
            // tree-shake Fluent UI.
            options: { transpileOnly: true, compilerOptions: { module: 'esnext', moduleResolution: 'bundler', sourceMap: true } },
          },
        },
      ],
    },
    optimization: { splitChunks: false },
    performance: { hints: false },
    plugins: [
      new webpack.DefinePlugin({ __BUILD_ID__: JSON.stringify(String(Date.now())) }),
      new HtmlWebpackPlugin({ filename: 'taskpane.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'], office: true, dev }),
      new HtmlWebpackPlugin({ filename: 'index.html', template: './src/taskpane/taskpane.html', chunks: ['taskpane'], office: false, dev }),
      new HtmlWebpackPlugin({ filename: 'commands.html', template: './src/commands/commands.html', chunks: ['commands'] }),
      new HtmlWebpackPlugin({ filename: 'help.html', template: './src/taskpane/help.html', chunks: [] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform(content) {
              if (dev) return content;
              const esc = urlDev.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
              return content.toString().replace(new RegExp(`${esc}([^"'<\\s]*)`, 'g'), (_, rel) => joinUrl(urlProd, rel));
            },
          },
        ],
      }),
    ],
    devServer: {
      port,
      server: devServerTransport(),
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: { directory: path.resolve(__dirname, 'dist') },
      hot: false,
      client: { overlay: { warnings: false } },
    },
  };
};

module.exports.joinUrl = joinUrl;
