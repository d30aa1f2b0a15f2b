/**
 * What a block just learnt about the chain, for the header badge: a space that loaded proves the chain works, a
 * 503 from the bus proves it does not. The badge re-checks at once when that disagrees with what it shows, instead
 * of waiting for its next poll.
 */
const EVENT = 'geniecanvas:chain-outcome';

export function reportChainOutcome(up: boolean): void {
  window.dispatchEvent(new CustomEvent<boolean>(EVENT, { detail: up }));
}

export function onChainOutcome(listener: (up: boolean) => void): () => void {
  const handler = (event: Event) => listener((event as CustomEvent<boolean>).detail);
  window.addEventListener(EVENT, handler);
  return () => window.removeEventListener(EVENT, handler);
}
