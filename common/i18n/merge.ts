// The messages of one language are the core file (vi.json / en.json) plus one file per area of
// the product (areas/<area>.<locale>.json), so that each module keeps its own words. Areas add
// top-level keys; an area that redefines a key another file already has is a mistake, refused here.
export type MessageTree = { [key: string]: string | MessageTree };

export function mergeMessages(core: MessageTree, areas: Record<string, MessageTree>): MessageTree {
  const merged: MessageTree = { ...core };
  for (const [file, tree] of Object.entries(areas)) {
    for (const [key, value] of Object.entries(tree)) {
      if (key in merged) throw new Error(`i18n: ${file} redefines the top-level key "${key}"`);
      merged[key] = value;
    }
  }
  return merged;
}

/** Picks one language's area files out of a path → messages map ("…/areas/plans.vi.json"). */
export function areasFor(locale: string, files: Record<string, MessageTree>): Record<string, MessageTree> {
  const suffix = `.${locale}.json`;
  return Object.fromEntries(Object.entries(files).filter(([path]) => path.endsWith(suffix)));
}
