// Styles of the /console/roles pages (concatenated into console.css by ui/assets.ts).
export const STYLES = ``;
