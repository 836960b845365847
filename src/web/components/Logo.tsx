// Two links of a chain: the Schakel mark (decorative; the name is always next to it).
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg className="logo" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" fill="currentColor" />
      <path
        d="M9 13a4 4 0 0 1 4-4h4a4 4 0 0 1 0 8h-2m2 2h2a4 4 0 0 1 0 8h-4a4 4 0 0 1-4-4"
        fill="none"
        stroke="#fff"
        strokeWidth="2.5"
        strokeLinecap="round"
      />
    </svg>
  );
}
