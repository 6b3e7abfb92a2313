// Writes the on-screen keyboard's layouts from the pinned simple-keyboard-layouts package as one
// classic script (the kiosk's CSP allows no modules from elsewhere and no eval). Run by copy_assets.py.
import { writeFileSync } from "node:fs";

const wanted = { ar: "arabic", tr: "turkish", uk: "ukrainian" };
const layouts = {};
for (const [code, name] of Object.entries(wanted)) {
  const module = await import(`../node_modules/simple-keyboard-layouts/build/layouts/${name}.js`);
  layouts[code] = module.default.layout;
}
writeFileSync(process.argv[2], "/* From simple-keyboard-layouts (MIT), made by scripts/keyboard_layouts.mjs. */\n" +
  `window.KioskKeyboardLayouts = ${JSON.stringify(layouts)};\n`);
