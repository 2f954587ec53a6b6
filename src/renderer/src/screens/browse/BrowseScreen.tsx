export function BrowseScreen({ query }: { query: string }) {
  return <main className="screen">Browse: {query}</main>;
}
