FROM golang:1.24 AS builder
WORKDIR /src
COPY go.mod go.sum ./
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build \
    -ldflags="-s -w" \
    -o /out/gateway ./cmd/gateway

FROM gcr.io/distroless/static
COPY --from=builder /out/gateway /gateway
ENTRYPOINT ["/gateway"]
