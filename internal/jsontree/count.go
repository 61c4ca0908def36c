package jsontree

// CountValues counts the values in JSON text, or more than that for text
// that is not JSON: one, and one for each comma and each opening bracket
// outside strings. It reads the text once and allocates nothing, so that
// a body of a million empty objects can be refused before it is
// decoded. The HTTP API and the command line limit their input with it.
func CountValues(data []byte) int {
	n := 1
	inString := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if inString {
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case ',', '[', '{':
			n++
		}
	}
	return n
}
