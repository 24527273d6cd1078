'use strict';
// Drives one simulated miIO device with the npm miio client and prints one JSON line of what it saw.
// Usage: node interop.js <address> <hex token> fan|plug|fan-unknown-method
//   fan-unknown-method: only miIO.info and a method the fan does not have. npm miio 0.15.6 never
//   settles a call whose error is -5001 or -5005 without "message" (its ERRORS mapper reads
//   err.message.message, throws, and onMessage swallows the TypeError after marking the call
//   resolved), so a device that writes its error text under "error" is only asked for an error
//   code npm miio does not remap.
const miio = require('miio');

async function main() {
	const [address, token, kind] = process.argv.slice(2);
	const device = await miio.device({ address, token });
	const out = { model: device.miioModel };
	const info = await device.call('miIO.info', []);
	out.info = { model: info.model, fw_ver: info.fw_ver, hasToken: typeof info.token === 'string' };
	if (kind === 'fan-unknown-method') {
		out.unknown = await failure(device.call('set_colour', ['red']));
	} else if (kind === 'fan') {
		out.before = await device.call('get_prop', ['power', 'speed_level', 'angle']);
		out.set = await device.call('set_power', ['on']);
		out.after = await device.call('get_prop', ['power']);
		out.badSet = await failure(device.call('set_speed_level', [500]));
		out.unknown = await failure(device.call('set_colour', ['red']));
	} else {
		const did = String(device.id).replace(/^miio:/, '');
		out.before = await device.call('get_properties', [{ did, siid: 2, piid: 1 }]);
		out.set = await device.call('set_properties', [{ did, siid: 2, piid: 1, value: true }]);
		out.after = await device.call('get_properties', [{ did, siid: 2, piid: 1 }]);
	}
	device.destroy();
	return out;
}

/** What a call that should fail failed with, or 'accepted'. */
async function failure(call) {
	try {
		await call;
		return 'accepted';
	} catch (e) {
		return { code: e.code, message: e.message };
	}
}

main().then(out => {
	console.log(JSON.stringify(out));
	process.exit(0);
}, err => {
	console.log(JSON.stringify({ error: String(err && err.message || err), code: err && err.code }));
	process.exit(1);
});
