// Styles of the /console/simulator pages (concatenated into console.css by ui/assets.ts).
export const STYLES = ``;
