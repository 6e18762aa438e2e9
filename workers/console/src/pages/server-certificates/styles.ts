// Styles of the /console/server-certificates pages (concatenated into console.css by ui/assets.ts).
export const STYLES = ``;
