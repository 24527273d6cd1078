'use strict';
// Drives one simulated miIO device with the npm miio client and prints one JSON line of what it saw.
// Usage: node interop.js <address> <hex token> fan|plug
const miio = require('miio');

async function main() {
	const [address, token, kind] = process.argv.slice(2);
	const device = await miio.device({ address, token });
	const out = { model: device.miioModel };
	const info = await device.call('miIO.info', []);
	out.info = { model: info.model, fw_ver: info.fw_ver, hasToken: typeof info.token === 'string' };
	if (kind === 'fan') {
		out.before = await device.call('get_prop', ['power', 'speed_level', 'angle']);
		out.set = await device.call('set_power', ['on']);
		out.after = await device.call('get_prop', ['power']);
		try {
			await device.call('set_speed_level', [500]);
			out.badSet = 'accepted';
		} catch (e) {
			out.badSet = { code: e.code, message: e.message };
		}
	} else {
		const did = String(device.id).replace(/^miio:/, '');
		out.before = await device.call('get_properties', [{ did, siid: 2, piid: 1 }]);
		out.set = await device.call('set_properties', [{ did, siid: 2, piid: 1, value: true }]);
		out.after = await device.call('get_properties', [{ did, siid: 2, piid: 1 }]);
	}
	device.destroy();
	return out;
}

main().then(out => {
	console.log(JSON.stringify(out));
	process.exit(0);
}, err => {
	console.log(JSON.stringify({ error: String(err && err.message || err), code: err && err.code }));
	process.exit(1);
});
