import { TRPCError } from '@trpc/server';

type TrpcCode = ConstructorParameters<typeof TRPCError>[0]['code'];

/** Carries a stable `E_SNAKE_CASE` code to clients beside tRPC's HTTP-level code. */
export class AppErrorCause extends Error {
  constructor(readonly appCode: string) {
    super(appCode);
  }
}

export function appError(code: TrpcCode, appCode: string, message: string): TRPCError {
  return new TRPCError({ code, message, cause: new AppErrorCause(appCode) });
}
