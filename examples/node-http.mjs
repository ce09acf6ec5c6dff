// Kassa inside an existing Node HTTP service, mounted under /pay.
// Run after `npm run build`:  node examples/node-http.mjs   (then open http://localhost:3000/)
import { createServer } from 'node:http';
import { createKassaServer } from 'kassa/server';

const PORT = Number(process.env.PORT ?? 3000);
const kassa = createKassaServer({
  env: {
    ...process.env,
    KASSA_PUBLIC_URL: `http://localhost:${PORT}/pay`, // webhooks, return URLs and the widget live under /pay
    KASSA_DB: process.env.KASSA_DB ?? './data/example.sqlite',
  },
});
kassa.start();

const server = createServer((req, res) => {
  if (req.url === '/pay' || req.url?.startsWith('/pay/')) return void kassa.node(req, res);
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end('<p>The merchant\'s own pages. Kassa answers under <a href="/pay/">/pay/</a> (sandbox demo).</p>');
});

server.listen(PORT, () => console.log(`Merchant site with Kassa under /pay: http://localhost:${PORT}/`));
process.on('SIGINT', () => server.close(() => kassa.stop().then(() => process.exit(0))));
