/** A screen whose data could not be loaded: what failed and why, announced. */
export function ScreenError({ what, error }: { what: string; error: string }) {
  return (
    <main className="screen">
      <div className="banner error" role="alert">
        {what} could not be loaded: {error}
      </div>
    </main>
  );
}
