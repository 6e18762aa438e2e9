// Styles of the /console/instance-profiles pages (concatenated into console.css by ui/assets.ts).
export const STYLES = ``;
