module example.com/gateway

go 1.24

require github.com/example/dep v1.0.0
