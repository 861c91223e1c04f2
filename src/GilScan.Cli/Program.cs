Console.WriteLine("gilscan");
