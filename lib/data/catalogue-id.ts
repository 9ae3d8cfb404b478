/** Catalogue ids are derived from slugs: "<courseSlug>/<slug>". */
export function catalogueId(courseSlug: string, slug: string): string {
  return `${courseSlug}/${slug}`
}
