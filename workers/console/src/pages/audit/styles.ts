// Styles of the /console/audit pages (concatenated into console.css by ui/assets.ts).
export const STYLES = ``;
