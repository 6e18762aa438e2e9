// Styles of the /console/credential-report pages (concatenated into console.css by ui/assets.ts).
export const STYLES = ``;
