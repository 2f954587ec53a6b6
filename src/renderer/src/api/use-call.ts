/**
 * One call's loading/error/data state for a screen: `useCall(method, input)` calls on mount and
 * whenever the input changes (compared by value), ignores answers that arrive after the screen
 * moved on, and `reload()` calls again keeping the data shown meanwhile.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Input, Method, Output } from '../../../shared/api/contract';
import { errorMessage } from './error-message';
import { call } from './transport';

export interface CallState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
  /** Replace the data with a value the screen already has (an update's answer), without calling. */
  setData: (data: T) => void;
}

export function useCall<M extends Method>(method: M, input: Input<M>): CallState<Output<M>> {
  const key = JSON.stringify(input);
  const [data, setData] = useState<Output<M> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    call(method, JSON.parse(key) as Input<M>)
      .then((value) => {
        if (!live) return;
        setData(value);
        setError(null);
      })
      .catch((err: unknown) => {
        if (live) setError(errorMessage(err));
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [method, key, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, loading, reload, setData };
}
