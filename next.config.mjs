/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Keep `next dev` from writing agent files into the repo (stack.md P23).
  agentRules: false,
};

export default nextConfig;
