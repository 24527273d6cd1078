'use strict';
// Round-trip latency of get_prop with the npm miio client; prints one JSON line of latencies in µs.
// Usage: node bench.js <address> <hex token> <warmup> <count>
const miio = require('miio');

async function main() {
	const [address, token, warmupArg, countArg] = process.argv.slice(2);
	const warmup = parseInt(warmupArg, 10);
	const count = parseInt(countArg, 10);
	const device = await miio.device({ address, token });
	for (let i = 0; i < warmup; i++) await device.call('get_prop', ['power']);
	const micros = [];
	for (let i = 0; i < count; i++) {
		const start = process.hrtime.bigint();
		await device.call('get_prop', ['power']);
		micros.push(Number(process.hrtime.bigint() - start) / 1000);
	}
	device.destroy();
	return { micros };
}

main().then(out => {
	// a write to a pipe is asynchronous: exit only once all of it is out (console.log + exit cuts it at 64 KiB)
	process.stdout.write(JSON.stringify(out) + '\n', () => process.exit(0));
}, err => {
	console.log(JSON.stringify({ error: String(err && err.message || err) }));
	process.exit(1);
});
