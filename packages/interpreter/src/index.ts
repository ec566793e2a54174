export const placeholder = 'interpreter';
