package main

import (
	"log"
	"net/http"

	"example.com/gateway/internal/handler"
)

func main() {
	log.Fatal(http.ListenAndServe(":8080", handler.New()))
}
