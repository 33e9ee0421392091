package load

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

func TestStripJSLineComments(t *testing.T) {
	in := "// explains\n  // indented\nvar a = 1; // after code stays\nvar u = \"http://x\";\n//! licence stays\n"
	want := "var a = 1; // after code stays\nvar u = \"http://x\";\n//! licence stays\n"
	if got := string(stripJSLineComments("js/a.js", []byte(in))); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, name := range []string{"js/vendor/lib.js", "css/a.css"} {
		if got := string(stripJSLineComments(name, []byte(in))); got != in {
			t.Errorf("%s was changed", name)
		}
	}
	tmpl := "var s = `a\n// inside a string\n`;\n"
	if got := string(stripJSLineComments("js/a.js", []byte(tmpl))); got != tmpl {
		t.Error("a file with a template literal was changed")
	}
}
