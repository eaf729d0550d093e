// The part of autocannon's API the benchmarks use; the package ships no type declarations.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'

  namespace autocannon {
    interface Options {
      url: string
      connections?: number
      duration?: number
      amount?: number
      timeout?: number
      pipelining?: number
      expectBody?: string
      headers?: Record<string, string>
    }
    interface Histogram {
      average: number
      mean: number
      min: number
      max: number
      total: number
      p50: number
      p90: number
      p99: number
    }
    interface Result {
      duration: number
      errors: number
      timeouts: number
      mismatches: number
      non2xx: number
      '2xx': number
      requests: Histogram
      latency: Histogram
    }
    interface Client {
      setHeaders(headers: Record<string, string> | undefined): void
    }
    interface Instance extends EventEmitter, PromiseLike<Result> {
      stop(): void
      on(
        event: 'response',
        listener: (client: Client, statusCode: number, resBytes: number, responseTime: number) => void,
      ): this
      on(event: string, listener: (...args: unknown[]) => void): this
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance
  export = autocannon
}
