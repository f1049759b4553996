// arXiv identifiers: new style "YYMM.NNNN" (2007–2014) or "YYMM.NNNNN" (2015–), and old style
// "archive(.SUBJ)/YYMMNNN" ("hep-th/9901001", "math.GT/0309136"). A "vN" suffix names a version.
const NEW_STYLE = /^(\d{4}\.\d{4,5})(v\d+)?$/;
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?\/\d{7})(v\d+)?$/;

/** The versionless arXiv id, or null when the text is not an arXiv id. */
export function parseArxivId(text: string): string | null {
  const trimmed = text.trim();
  const match = NEW_STYLE.exec(trimmed) ?? OLD_STYLE.exec(trimmed);
  return match ? match[1] : null;
}

export function isArxivId(text: string): boolean {
  return parseArxivId(text) === text;
}

export function arxivAbsUrl(arxivId: string): string {
  return `https://arxiv.org/abs/${arxivId}`;
}

export function arxivPdfUrl(arxivId: string): string {
  return `https://arxiv.org/pdf/${arxivId}`;
}
