export default function C() { return <div/>; }
