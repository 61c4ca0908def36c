package app

import "github.com/partnerkit/partnerkit/internal/text"

// The page's names for internal/text's helpers, kept while the pages
// written with them are merged; new code calls internal/text.

func lowerFirst(s string) string { return text.LowerFirst(s) }

func sentence(s string) string { return text.Sentence(s) }

func count(n int, one, many string) string { return text.Count(n, one, many) }
