package site

import "testing"

func TestStripCSSComments(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"a.css", "/* why */\na { color: red; }\n", "a { color: red; }\n"},
		{"a.css", "a { b: c; /* note */ }\n", "a { b: c;  }\n"},
		{"a.css", "/*! licence */\na{}\n", "/*! licence */\na{}\n"},
		{"a.css", `a::before { content: "/* not a comment */"; }`, `a::before { content: "/* not a comment */"; }`},
		{"a.css", `a::before { content: '\'/*'; } /* x */`, `a::before { content: '\'/*'; } `},
		{"a.css", "a{} /* unterminated", "a{} "},
		{"a.js", "/* kept */", "/* kept */"},
	}
	for _, tt := range tests {
		if got := string(stripCSSComments(tt.name, []byte(tt.in))); got != tt.want {
			t.Errorf("stripCSSComments(%q, %q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}
