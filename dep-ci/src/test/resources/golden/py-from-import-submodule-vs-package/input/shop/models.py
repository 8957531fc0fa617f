class Order: pass
