package handler

import "net/http"

// New returns the gateway's root handler.
func New() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("ok\n"))
	})
}
