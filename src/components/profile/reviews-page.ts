/** Reviews per page on the public profile (the server prefetches the first page with the same input). */
export const REVIEWS_PAGE = 5;
