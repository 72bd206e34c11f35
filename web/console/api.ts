/**
 * Calls to the console API (/admin/*) with the admin token as a Bearer credential. The token
 * lives in sessionStorage only: gone when the tab closes, never in a cookie or localStorage.
 */
const TOKEN_KEY = 'emd-cds-admin-token';

export function savedToken(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export function saveToken(token: string | undefined): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** A failed call: the HTTP status and, for an OperationOutcome, its diagnostics. */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

interface OutcomeBody {
  issue?: { diagnostics?: string }[];
}

export async function callApi<T>(
  token: string,
  path: string,
  init: { method?: 'GET' | 'POST'; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(`/admin/${path}`, {
    method: init.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${token}`,
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (!response.ok) {
    const text = await response.text();
    let message = `HTTP ${String(response.status)}`;
    try {
      const outcome = JSON.parse(text) as OutcomeBody;
      const diagnostics = (outcome.issue ?? []).map((i) => i.diagnostics).filter(Boolean);
      if (diagnostics.length > 0) message = diagnostics.join('; ');
    } catch {
      // not JSON (a 401 has an empty body): the status says it
    }
    throw new ApiError(response.status, message);
  }
  return (await response.json()) as T;
}
