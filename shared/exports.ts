/** The formats a document (minutes, a proposal, the strategy) downloads as, in the order the buttons show them. */
export const documentFormats = ['pdf', 'docx', 'hwpx', 'md'] as const;
export type DocumentFormat = (typeof documentFormats)[number];

export const isDocumentFormat = (value: string): value is DocumentFormat => (documentFormats as readonly string[]).includes(value);
