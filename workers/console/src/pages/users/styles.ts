// CSS rules for this page area only (added to the console's one stylesheet, ui/assets.ts).
export const STYLES = ``;
