// Command zvh builds the data-sharing guidance webtool of the Zorg- en
// Veiligheidshuizen from Markdown: the national model is embedded, a site
// folder adds or replaces files.
//
// Run "zvh help" for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
