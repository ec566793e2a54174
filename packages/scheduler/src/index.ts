export const placeholder = 'scheduler';
