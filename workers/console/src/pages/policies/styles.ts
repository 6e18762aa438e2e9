// Styles of the /console/policies pages (concatenated into console.css by ui/assets.ts).
export const STYLES = ``;

// The policy editors' progressive enhancement (served in console.js; every form works without it).
export const SCRIPT = ``;
