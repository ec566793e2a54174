export const placeholder = 'parser';
